"""The cross-article analyses: events, claims, figures and copied passages."""

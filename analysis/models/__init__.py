"""Small models StoryLens trains and ships as package data, each with its training script and data card."""

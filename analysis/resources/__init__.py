"""Lexical resources shipped as package data (built from public sources by the scripts beside them)."""

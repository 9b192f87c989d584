"""Evaluation: metrics and the harnesses that measure the analyses against people's labels.

Run by bench/ and the training scripts; the runtime (the CLI, the pages, the
analyses) never imports this package (tests/test_eval.py holds that).
"""

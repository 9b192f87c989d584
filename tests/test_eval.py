"""Evaluation code: one macro-F1, and the runtime never imports analysis.eval."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import pytest

from analysis.eval.metrics import macro_f1, spearman

ANALYSIS = Path(__file__).resolve().parent.parent / "analysis"


def test_macro_f1_by_hand() -> None:
    truth = ["negative", "neutral", "neutral", "positive"]
    predicted = ["negative", "neutral", "positive", "neutral"]
    # negative 2/2 = 1; neutral tp 1, fp 1, fn 1: 2/4; positive: no true positive, 0.
    assert macro_f1(truth, predicted) == pytest.approx((1.0 + 0.5 + 0.0) / 3)
    assert macro_f1(["neutral"] * 3, ["neutral"] * 3) == pytest.approx(1 / 3)  # the classes never seen count 0
    assert macro_f1([0, 1, 2], [0, 1, 2], range(3)) == 1.0


def test_spearman_ranks_and_constant_sides() -> None:
    assert spearman([1, 2, 3], [10, 20, 35]) == pytest.approx(1.0)
    assert spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert math.isnan(spearman([1, 1, 1], [1, 2, 3]))


def _imports_eval(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
            [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module == "analysis":
            names += [f"analysis.{a.name}" for a in node.names]
        if any(n == "analysis.eval" or n.startswith("analysis.eval.") for n in names):
            return True
    return False


def test_the_runtime_never_imports_the_evaluation_code() -> None:
    root = ANALYSIS.parent
    runtime = [p for p in ANALYSIS.rglob("*.py") if "eval" not in p.relative_to(ANALYSIS).parts
               and not p.name.startswith("train_")]  # training scripts measure their models
    runtime += [*root.glob("app.py"), *(root / "views").glob("*.py"), *(root / "ui").glob("*.py")]
    assert [p.relative_to(root).as_posix() for p in runtime if _imports_eval(p)] == []

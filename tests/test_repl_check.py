"""The app skips Streamlit's REPL check through Streamlit's own once-flag, and knows when it no longer can."""

from __future__ import annotations

from streamlit import delta_generator, env_util

from ui.repl_check import skip_repl_check


def test_the_check_is_skipped_on_this_streamlit(monkeypatch):
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    assert skip_repl_check(), "Streamlit's REPL check changed: see ui/repl_check.py"

    def stack_taken():
        raise AssertionError("Streamlit looked for a REPL after all")

    monkeypatch.setattr(env_util, "is_repl", stack_taken)
    delta_generator._maybe_print_use_warning()  # what the first element calls


def test_a_streamlit_without_the_flag_is_left_alone(monkeypatch):
    monkeypatch.delattr(delta_generator, "_use_warning_has_been_displayed")
    assert not skip_repl_check()
    assert not hasattr(delta_generator, "_use_warning_has_been_displayed")


def test_a_streamlit_whose_check_moved_is_left_alone(monkeypatch):
    monkeypatch.delattr(delta_generator, "_maybe_print_use_warning")
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    assert not skip_repl_check()
    assert delta_generator._use_warning_has_been_displayed is False

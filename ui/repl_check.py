"""Skip Streamlit's check for a Python REPL, which the first screen pays for and `streamlit run` never needs.

Streamlit's first element asks, once per process, whether it runs in a Python
REPL (to print a hint), with ``inspect.stack()``, which resolves the file of
every module loaded by then: 0.2-0.4 s of the first screen here. Under
``streamlit run`` the answer is always no. Streamlit has no public switch for
it (1.67: ``global.showWarningOnDirectExecution`` silences only the other
hint, after the stack is taken), so the app sets the module's own once-flag,
and only while the check still reads that flag: on a Streamlit that changed
it, the app leaves it alone (and tests/test_repl_check.py fails, so the change
is seen rather than the skip silently lost).
"""

from __future__ import annotations

from streamlit import delta_generator

_CHECK = "_maybe_print_use_warning"
_FLAG = "_use_warning_has_been_displayed"


def skip_repl_check() -> bool:
    """Mark Streamlit's REPL hint as already given, so it is never looked for; whether that could be done."""
    code = getattr(getattr(delta_generator, _CHECK, None), "__code__", None)
    reads_flag = code is not None and _FLAG in code.co_names
    if not reads_flag or not isinstance(getattr(delta_generator, _FLAG, None), bool):
        return False
    setattr(delta_generator, _FLAG, True)
    return True

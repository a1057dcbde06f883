"""Child processes of ``tests/hardening/test_crash.py``: real app code, killed with SIGKILL by the test.

Each script prints one line per step to stdout (flushed at once) so the parent knows what was
committed before it pulls the plug.
"""

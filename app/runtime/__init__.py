"""Where blocking work runs: one DB writer thread, DB reader threads, plain worker threads."""

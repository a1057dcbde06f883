"""API keys, kept only in the operating system's keyring."""

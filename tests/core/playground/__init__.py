"""Tests of the Playground core (chat calls, prices, parameter rules)."""

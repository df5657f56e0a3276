"""Stability of outcomes: the graph model for conflict resolution (GMCR) over a scenario
whose issues say who controls them."""

"""checks: look at a plan or a built deck as a person would (the check table, words drawn outside their boxes)."""

"""The web front end (`sferum-deck serve`): thin views over the in-memory core, a bounded
build pool, the teachers' and the curator's pages (static/)."""

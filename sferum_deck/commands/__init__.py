"""commands: the click command line, thin: parse options, call the core, report in Russian."""

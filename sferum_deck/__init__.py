"""sferum-deck: a branded parent-meeting deck about the Sferum platform in one command."""

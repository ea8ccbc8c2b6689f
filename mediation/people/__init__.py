"""People: parties to disputes and villagers on deliberation rosters."""

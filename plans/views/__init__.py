"""Back-office pages for the agency's improvement and prevention work."""

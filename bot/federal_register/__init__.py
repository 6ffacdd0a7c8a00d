"""Federal Register citations and the notices that added parties to the lists."""

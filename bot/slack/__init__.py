"""The Slack app: Bolt listeners over the domain's `Screening`, served over HTTP or Socket Mode."""

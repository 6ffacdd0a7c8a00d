"""Every message entitybot sends to Slack, as Block Kit: `kit` (pieces and limits),
`answers` (one answer), `messages` (whole replies built from answers), `admin`."""

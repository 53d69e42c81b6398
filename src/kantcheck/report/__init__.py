"""Reports: build the `Report` record, apply baseline and triage, render each format."""

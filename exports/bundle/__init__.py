"""Signed bundles (DESIGN §4): build, verify, seal, import, roll-up. See README "Bundles"."""

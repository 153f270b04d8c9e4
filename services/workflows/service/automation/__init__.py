"""The automation studio's service side: change-triggered rules and their data actions."""

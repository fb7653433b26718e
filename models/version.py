"""The application's version, carried in installations, bundles and the frozen build."""

APP_VERSION = "0.1.0"

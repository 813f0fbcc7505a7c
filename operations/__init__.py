"""Running the site: backups and restores, /healthz and the "back soon" page, the
cache backend that survives Redis outages, the deadline on each wait for a database
that has gone silent, and the security middleware.

The base of the house: imports Django and libraries only."""

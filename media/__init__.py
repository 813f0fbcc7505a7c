"""Images and uploads: upload checks, resized copies, uploads kept across a refused
form, and removing files nothing uses any more.

May import caching/, content/ and operations/."""

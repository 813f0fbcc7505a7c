from django.dispatch import Signal

# Sent once a backup has been restored and committed: the apps that keep something
# derived from the content (resized copies, the planner's figures) make it again.
restored = Signal()

# Content a site made at main on 2026-12-07 holds: initial content, a version history,
# a renamed slug, translation records, a staff member with preferences and a role.
import reversion
from django.contrib.auth.models import Group, User
from pages.models import Page
from projects.models import Project
from citymined.models import StaffProfile, TranslationRecord, FormerAddress, SourceLanguage
from citymined.translation_status import mark_up_to_date

ed = User.objects.create_user("ed", "ed@example.org", "a-long-password-for-ed", is_staff=True)
StaffProfile.objects.create(user=ed, admin_language="fr")
ed.groups.add(Group.objects.get(name="Translator (fr)"))
project = Project.objects.order_by("pk").first()
with reversion.create_revision():
    reversion.set_user(ed)
    project.title_fr = project.title_fr + " (fr)"
    project.save()
with reversion.create_revision():
    old = project.slug_nl
    project.slug_nl = old + "-nieuw"
    project.save()
mark_up_to_date(project, "title", "fr", ed)
print("projects", Project.objects.count(), "pages", Page.objects.count(),
      "records", TranslationRecord.objects.count(), "former", FormerAddress.objects.count(),
      "sources", SourceLanguage.objects.count())

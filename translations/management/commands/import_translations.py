from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from content.models import LANGUAGE_CODES
from translations.files import apply, check_file


class Command(BaseCommand):
    help = (
        "Checks a translated XLIFF or PO file and writes its translations, all or none, "
        "as one revision. Exits with an error and writes nothing when it refuses the file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check and show, write nothing")
        parser.add_argument(
            "--language", choices=LANGUAGE_CODES, help="refuse a file for another language"
        )
        parser.add_argument("--user", help="the staff username the revision is recorded for")
        parser.add_argument(
            "--accept-identical",
            action="store_true",
            help="also write the entries identical to their source (names, say), which are "
            "otherwise left out",
        )

    def handle(self, *args, file, dry_run, language, user, accept_identical, **options):
        try:
            content = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        account = self.account(user)
        plan = check_file(content, None, language, accept_identical=accept_identical or ())
        for entry, message in plan.errors + plan.stale:
            self.stderr.write(f"{entry}: {message}" if entry else message)
        if plan.refused:
            raise CommandError(f"{file} refused: nothing was written.")
        for change in plan.identical:
            self.stderr.write(
                f"{change.uid}: identical to its source, left out. If it is meant to read "
                "the same (a name, say), import again with --accept-identical."
            )
        for change in plan.changes:
            verb = "up to date" if change.confirm else "new text"
            self.stdout.write(f"{change.label}: {verb}")
        summary = (
            f"{len(plan.writes)} to write, {len(plan.confirms)} to mark up to date, "
            f"{len(plan.stale)} left stale, {len(plan.identical)} identical to the source "
            f"left out, {plan.skipped} empty, {plan.unreviewed} unreviewed."
        )
        if dry_run:
            self.stdout.write(f"Dry run: {summary} Nothing was written.")
            return
        apply(plan, account, f"Translations imported from the file {Path(file).name}")
        self.stdout.write(f"Imported: {summary}")

    def account(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user {username}.") from error

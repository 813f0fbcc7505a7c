from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from content.models import LANGUAGE_CODES
from translations.files import FORMATS, export_entries, write_file
from translations.status import translated_models


class Command(BaseCommand):
    help = (
        "Writes what is missing or out of date in one language (all of it with "
        "--everything) as a translators' file, XLIFF 1.2 or PO."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, choices=LANGUAGE_CODES)
        parser.add_argument("--format", dest="file_format", choices=list(FORMATS), default="xliff")
        parser.add_argument("--output", help="the file to write (standard output without it)")
        parser.add_argument(
            "--everything",
            action="store_true",
            help="every translated text, not only what is missing or out of date",
        )
        parser.add_argument(
            "--model",
            action="append",
            default=[],
            metavar="APP.MODEL",
            help="only this kind of content (repeatable), e.g. the label of a project model",
        )
        parser.add_argument(
            "--id", action="append", default=[], type=int, help="only these items of --model"
        )

    def handle(self, *args, language, file_format, output, everything, model, id, **options):
        selection = self.selection(model, id)
        entries = list(export_entries(language, selection, everything))
        content = write_file(entries, language, file_format)
        if output:
            Path(output).write_bytes(content)
            self.stderr.write(f"Wrote {len(entries)} entries to {output}.")
        else:
            self.stdout.write(content.decode(), ending="")

    def selection(self, labels, ids):
        known = {m._meta.label_lower: m for m in translated_models()}
        unknown = [label for label in labels if label.lower() not in known]
        if unknown:
            raise CommandError(
                f"Not translated content: {', '.join(unknown)}. Known: {', '.join(known)}."
            )
        if ids and len(labels) != 1:
            raise CommandError("--id needs exactly one --model.")
        if not labels:
            return None
        models = [known[label.lower()] for label in labels]
        return {
            m: m._default_manager.filter(pk__in=ids) if ids else m._default_manager.all()
            for m in models
        }

"""Moving the pictures that items held in file fields of their own (covers, gallery
pictures, logos) into the library, for the data migrations of the apps that held them.

Nothing is copied: each Image names the stored file its item named, so the same file
used in several places (by name, or by content when it can be read) becomes one Image,
described as the first item to use it described it. Each Image gets the item's description in
every language it had, the item's title (or name) as its title, the stored width and
height, and a checksum of the file (empty when the file cannot be read: a migration
never fails over a lost file). What translation status knew stays true: the records
of the descriptions' translations and the item's source language move with them, so a
description that was out of date or missing still is. Old versions in the history name
the new Image instead of the file, so that bringing one back still works.

Only historical models (the `apps` a migration is given) are used here, and only the
languages they have columns for: a language added since gets its columns later."""

import hashlib
import json
import posixpath
from io import BytesIO

from django.conf import settings
from PIL import Image as PILImage


def language_codes(model, column):
    """The languages of settings `model` has a translation of `column` for, as it is
    when the migration runs."""
    names = {field.name for field in model._meta.get_fields()}
    return [code for code, _name in settings.LANGUAGES if f"{column}_{code}" in names]


class Use:
    """Where items of one model held a picture: `model` ("app_label.model_name"), its
    old file column `old` (renamed out of the way), its new key to Image `key` (named as
    the file column was, so its width and height columns are `<key>_width`, …), its
    description `alt` (the base
    name of the translated columns) and where its title is read: `title` holds
    `{code}` (`"title_{code}"`, `"project__title_{code}"`). `numbered`: the items of one
    owner (`numbered` names its key, "project") get their position after the title."""

    def __init__(self, model, old, key, alt, title, numbered=None):
        self.app_label, self.model_name = model.split(".")
        self.old, self.key, self.alt, self.title = old, key, alt, title
        self.numbered = numbered

    def model(self, apps):
        return apps.get_model(self.app_label, self.model_name)

    def extra_columns(self):
        """Columns that went with the file (named after its old name, the key's now) and
        go when it has moved."""
        return ["width", "height"]


def read(storage, name):
    """(sha256, (width, height)) of a stored file; ("", None) when it cannot be read,
    and no size when it is no picture Pillow knows."""
    try:
        with storage.open(name, "rb") as file:
            content = file.read()
    except Exception:  # noqa: BLE001 (a lost file, a storage away: the file stays as it is)
        return "", None
    try:
        with PILImage.open(BytesIO(content)) as picture:
            size = picture.size
    except Exception:  # noqa: BLE001
        size = None
    return hashlib.sha256(content).hexdigest(), size


class Library:
    """The Images made so far in this migration, found again by file name or checksum."""

    def __init__(self, apps):
        self.apps = apps
        self.image = apps.get_model("media", "Image")
        self.storage = self.image._meta.get_field("file").storage
        content_types = apps.get_model("contenttypes", "ContentType")
        self.image_type, _made = content_types.objects.get_or_create(
            app_label="media", model="image"
        )
        self.content_types = content_types
        self.by_name = {}

    def type_of(self, use):
        return self.content_types.objects.get_or_create(
            app_label=use.app_label, model=use.model_name
        )[0]

    def found(self, name, digest):
        if name in self.by_name:
            return self.by_name[name]
        existing = self.image.objects.filter(file=name)
        if digest:
            existing = self.image.objects.filter(file=name) | self.image.objects.filter(
                checksum=digest
            )
        pk = existing.order_by("pk").values_list("pk", flat=True).first()
        if pk is not None:
            self.by_name[name] = pk
        return pk

    def add(self, name, titles, alts, width, height):
        """The Image of the file `name`, made unless the same file (by name, or by
        content when it can be read) is in the library already; (pk, made)."""
        digest, size = read(self.storage, name)
        pk = self.found(name, digest)
        if pk is not None:
            return pk, False
        if not (width and height) and size:
            # Old uploads whose size was never stored: read from the file now, so that
            # pages never open the original to size it.
            width, height = size
        codes = language_codes(self.image, "alt")
        fallback = posixpath.splitext(posixpath.basename(name))[0][:255]
        if not any(titles.get(code) for code in codes):
            titles = dict.fromkeys(codes, fallback)
        default = settings.LANGUAGE_CODE
        first_title = next((titles[code] for code in codes if titles.get(code)), fallback)
        fields = {
            "title": titles.get(default) or first_title,
            "alt": alts.get(default) or "",
            "checksum": digest,
            "width": width or None,
            "height": height or None,
            # Named once made (below): a new Image's file would be opened to size it
            # when its width is unknown, and this one may be lost.
            "file": "",
        }
        for code in codes:
            fields[f"title_{code}"] = (titles.get(code) or None) and titles[code][:255]
            fields[f"alt_{code}"] = alts.get(code) or None
        image = self.image.objects.create(**fields)
        self.image.objects.filter(pk=image.pk).update(file=name)
        self.by_name[name] = image.pk
        return image.pk, True


def adopt(apps, uses):
    """Move every picture of `uses` (Use) into the library."""
    library = Library(apps)
    records = apps.get_model("translations", "TranslationRecord").objects
    sources = apps.get_model("translations", "SourceLanguage").objects
    counts = apps.get_model("translations", "StatusCount").objects
    for use in uses:
        model, owner_type = use.model(apps), library.type_of(use)
        codes = language_codes(model, use.alt)
        alt_columns = {code: f"{use.alt}_{code}" for code in codes}
        title_columns = {code: use.title.format(code=code) for code in codes}
        read = [
            "pk",
            use.old,
            f"{use.key}_width",
            f"{use.key}_height",
            *alt_columns.values(),
            *title_columns.values(),
            *([use.numbered] if use.numbered else []),
        ]
        # Rows as values: an item is never built, so no lost file is ever opened.
        rows = model._base_manager.exclude(**{use.old: ""}).exclude(**{f"{use.old}__isnull": True})
        positions = {}
        for row in rows.order_by(*([use.numbered] if use.numbered else []), "pk").values(*read):
            titles = {code: row[column] for code, column in title_columns.items()}
            if use.numbered:
                position = positions[row[use.numbered]] = positions.get(row[use.numbered], 0) + 1
                titles = {code: title and f"{title} · {position}" for code, title in titles.items()}
            pk, made = library.add(
                row[use.old],
                titles,
                {code: row[column] for code, column in alt_columns.items()},
                row[f"{use.key}_width"],
                row[f"{use.key}_height"],
            )
            model._base_manager.filter(pk=row["pk"]).update(**{use.key: pk})
            owned = {"content_type": owner_type, "object_id": row["pk"]}
            if made:
                # The description's translations were made from the item's texts: the
                # records of what from, and the language it was written in, move along.
                records.filter(**owned, field=use.alt).update(
                    content_type=library.image_type, object_id=pk, field="alt"
                )
                language = sources.filter(**owned).values_list("language", flat=True).first()
                if language:
                    sources.get_or_create(
                        content_type=library.image_type,
                        object_id=pk,
                        defaults={"language": language},
                    )
            records.filter(**owned, field=use.alt).delete()
        # Counted again by the first reader, without the descriptions (status.py).
        counts.filter(content_type=owner_type).delete()
        adopt_in_history(apps, library, use, owner_type)


def adopt_in_history(apps, library, use, owner_type):
    """Old versions name the picture's Image where they named its file, and leave out
    the columns that went, so that bringing one back brings back its picture."""
    try:
        versions = apps.get_model("reversion", "Version").objects
    except LookupError:
        return
    codes = language_codes(use.model(apps), use.alt)
    gone = {
        use.alt,
        *(f"{use.alt}_{code}" for code in codes),
        *(f"{use.key}_{extra}" for extra in use.extra_columns()),
    }
    # A list, not an iterator: SQLite reads a table it writes to unreliably.
    for version in list(versions.filter(content_type=owner_type, format="json")):
        try:
            data = json.loads(version.serialized_data)
            fields = data[0]["fields"]
        except (ValueError, LookupError, TypeError):
            continue
        # Versions name the field as it was: `cover`, the key's name now too.
        name = fields.get(use.key)
        if use.key not in fields or not isinstance(name, str | None):
            continue  # from before the field, or written since (already a key)
        if name:
            titles = {code: fields.get(use.title.format(code=code)) for code in codes}
            titles = {code: t if isinstance(t, str) else None for code, t in titles.items()}
            alts = {code: fields.get(f"{use.alt}_{code}") for code in codes}
            fields[use.key] = library.add(
                name,
                titles,
                alts,
                fields.get(f"{use.key}_width"),
                fields.get(f"{use.key}_height"),
            )[0]
        else:
            fields[use.key] = None
        for column in gone:
            fields.pop(column, None)
        version.serialized_data = json.dumps(data)
        version.save(update_fields=["serialized_data"])

"""The upload check that reads a whole photo decodes a JPEG at 1/8 of its size, to be
quick on 40-megapixel photos: what it refuses is still every file a full decode
refuses (a transfer cut short anywhere)."""

from io import BytesIO

import pytest
from PIL import Image

from media.images import decodes
from tests.images import upload


def fully_decodes(data):
    try:
        with Image.open(BytesIO(data)) as image:
            image.load()
    except (OSError, SyntaxError):
        return False
    return True


@pytest.mark.parametrize("progressive", [False, True])
def test_a_jpeg_cut_short_anywhere_is_refused_as_a_full_decode_would(progressive):
    output = BytesIO()
    noise = Image.merge("RGB", [Image.effect_noise((1200, 800), 40 + n) for n in range(3)])
    noise.save(output, "JPEG", quality=90, progressive=progressive)
    whole = output.getvalue()
    assert decodes(upload("whole.jpg", whole))
    for cut_at in (0.1, 0.35, 0.6, 0.9, 0.99):
        cut = whole[: int(len(whole) * cut_at)]
        assert decodes(upload("cut.jpg", cut)) == fully_decodes(cut), cut_at
        assert not decodes(upload("cut.jpg", cut)) or cut_at > 0.9

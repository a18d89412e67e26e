"""How values travel between steps: small JSON inline, tables and images by reference."""

from __future__ import annotations

import pandas as pd
import pytest

from octopus.nodes.media import Image
from octopus.runtime import values


@pytest.fixture(autouse=True)
def private_store(tmp_path, monkeypatch):
    monkeypatch.setenv("OCTOPUS_ARTIFACTS", str(tmp_path / "artifacts"))


def test_small_json_travels_inline():
    assert values.encode({"a": [1, 2.5, "x"]}, "r", "n", "out") == {"a": [1, 2.5, "x"]}


def test_a_table_goes_to_parquet_and_comes_back_equal(tmp_path):
    table = pd.DataFrame({"name": ["a", "b", "c"], "score": [0.5, 1.5, 2.5], "n": [1, 2, 3]})
    ref = values.encode(table, "run1", "node", "table")
    assert values.is_ref(ref) and ref["format"] == "parquet" and ref["type"] == "table"
    assert ref["path"].startswith("run1/node/table-") and ref["path"].endswith(".parquet")
    assert (tmp_path / "artifacts" / ref["path"]).is_file()
    assert ref["preview"].startswith("3 rows × 3 columns\n") and "score" in ref["preview"]
    pd.testing.assert_frame_equal(values.decode(ref), table)


def test_a_table_preview_shows_only_the_first_rows():
    table = pd.DataFrame({"i": range(1000)})
    text = values.preview(table)
    assert text.startswith("1,000 rows × 1 columns")
    assert "999" not in text and len(text.splitlines()) == 1 + 1 + values.PREVIEW_ROWS


def test_an_image_keeps_its_bytes_type_and_title():
    image = Image(b"\x89PNG\r\n\x1a\nrest", title="Confusion matrix")
    ref = values.encode(image, "run1", "chart", "image")
    assert ref["type"] == "image" and ref["media_type"] == "image/png" and ref["path"].endswith(".png")
    assert values.read_artifact(ref["path"]) == image.data
    assert values.decode(ref) == image


def test_other_objects_are_pickled():
    big = {"x": "y" * (values.INLINE_LIMIT + 1)}
    ref = values.encode(big, "run1", "n", "out")
    assert ref["format"] == "pickle" and values.decode(ref) == big


@pytest.mark.parametrize("path", ["../x", "/etc/passwd", "a/../../x", "a\\..\\x"])
def test_artifact_paths_cannot_leave_the_store(path):
    with pytest.raises(ValueError, match="not inside the artifact store"):
        values.read_artifact(path)

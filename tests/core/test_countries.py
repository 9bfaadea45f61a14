import pytest

from double_ally.core.countries import UnknownCountry, to_iso3, valid_codes


@pytest.mark.parametrize(
    "name, code",
    [
        ("Korea, Rep. of", "KOR"),
        ("Korea, Dem. People's Rep. of", "PRK"),
        ("Russian Federation", "RUS"),
        ("China, P.R.: Hong Kong", "HKG"),
        ("China, P.R.: Mainland", "CHN"),
        ("Taiwan Province of China", "TWN"),
        ("Curaçao, Kingdom of the Netherlands", "CUW"),
        ("USSR", "SUN"),
    ],
)
def test_imf_names_map_to_iso3(name, code):
    assert to_iso3(name) == code


def test_unknown_name_is_an_error_not_a_guess():
    with pytest.raises(UnknownCountry, match="Atlantis"):
        to_iso3("Atlantis, Rep. of")


def test_valid_codes_hold_current_former_and_kosovo():
    codes = set(valid_codes())
    assert {"KOR", "RUS", "SUN", "YUG", "XKX"} <= codes
    assert "EUU" not in codes and "WLD" not in codes

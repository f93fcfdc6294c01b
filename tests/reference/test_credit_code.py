"""Unified social credit code: the GB 32100 check character, forbidden letters, length, and what
the code says (authority, organisation type, region)."""

import random

import pytest

from portal.reference import credit_code as cc

# Published codes of real organisations (check characters verified by the standard's algorithm).
VALID = ["91330000704202958B", "91110000802100433B", "52330000MJ8802069B"]


def test_check_character_matches_known_codes():
    # 91350100M000100Y43 is the standard's worked example.
    assert cc.check_character("91350100M000100Y4") == "3"
    assert cc.is_valid("91350100M000100Y43")


@pytest.mark.parametrize("code", ["91350100M000100Y43"])
def test_valid_code_has_no_errors(code):
    assert cc.validation_errors(code) == []


def test_wrong_check_character():
    errors = cc.validation_errors("91350100M000100Y44")
    assert len(errors) == 1
    assert "校验码错误" in errors[0] and "“3”" in errors[0]


@pytest.mark.parametrize("letter", list("IOSVZ"))
def test_forbidden_letters(letter):
    code = "91350100M000100Y4" + "3"
    bad = code[:10] + letter + code[11:]
    errors = cc.validation_errors(bad)
    assert any("不使用字母" in e and letter in e for e in errors)


@pytest.mark.parametrize("code,length", [("91350100M000100Y4", 17), ("91350100M000100Y433", 19), ("9", 1)])
def test_wrong_length(code, length):
    errors = cc.validation_errors(code)
    assert any("18位" in e and str(length) in e for e in errors)


def test_empty_and_lowercase_and_spaces():
    assert cc.validation_errors("") == ["请填写统一社会信用代码。"]
    assert cc.is_valid(" 91350100m000100y43 ")
    assert cc.normalise("9135 0100 m000100y43") == "91350100M000100Y43"


def test_invalid_authority_and_type():
    first17 = "X1330106000000000"
    assert any("第1位" in e for e in cc.validation_errors(first17 + "0"))
    first17 = "57330106000000000"
    code = first17 + cc.check_character(first17)
    assert any("第2位" in e for e in cc.validation_errors(code))


def test_generator_produces_valid_codes():
    rng = random.Random(1)
    for _ in range(500):
        code = cc.generate("5", "2", "330106", rng=rng)
        assert len(code) == 18 and cc.is_valid(code), code
        assert code.startswith("52330106")


@pytest.mark.django_db
def test_inspect_derives_authority_type_and_region(regions):
    code = cc.generate("5", "2", "330106", rng=random.Random(2))
    info = cc.inspect(code)
    assert info.valid
    assert info.registration_authority == "民政"
    assert info.organisation_type == "民办非企业单位（社会服务机构）"
    assert info.region.code == "330106"
    assert info.as_dict()["region"] == {"code": "330106", "name": "杭州市西湖区"}


@pytest.mark.django_db
def test_unknown_county_falls_back_to_city_then_province(regions):
    code = cc.generate("9", "1", "330199", rng=random.Random(3))
    assert cc.inspect(code).region.code == "330100"
    code = cc.generate("9", "1", "339999", rng=random.Random(4))
    assert cc.inspect(code).region.code == "330000"
    code = cc.generate("9", "1", "110101", rng=random.Random(5))
    assert cc.inspect(code).region is None


@pytest.mark.django_db
def test_check_code_api(client, regions):
    code = cc.generate("5", "1", "330203", rng=random.Random(6))
    response = client.get("/api/v1/providers/check-code/", {"code": code})
    assert response.status_code == 200
    assert response.json() == {
        "code": code,
        "valid": True,
        "errors": [],
        "registration_authority": "民政",
        "organisation_type": "社会团体",
        "region": {"code": "330203", "name": "宁波市海曙区"},
    }
    bad = client.get("/api/v1/providers/check-code/", {"code": code[:-1] + ("0" if code[-1] != "0" else "1")}).json()
    assert bad["valid"] is False and bad["errors"] and "校验码" in bad["errors"][0]
    short = client.get("/api/v1/providers/check-code/", {"code": "91110000"}).json()
    assert short["valid"] is False and short["region"] is None

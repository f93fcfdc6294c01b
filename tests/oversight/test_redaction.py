"""Redaction of personal data before publication: names, mobile numbers, landlines, resident ID
numbers (check digit), e-mail addresses and addresses below county level."""

import pytest

from portal.oversight.redaction import (
    ADDRESS_MARK,
    EMAIL_MARK,
    ID_MARK,
    MOBILE_MARK,
    PHONE_MARK,
    id_check_digit,
    is_resident_id,
    redact,
)

pytestmark = pytest.mark.django_db

ID_BASE = "11010519491231002"
VALID_ID = ID_BASE + id_check_digit(ID_BASE)


def test_id_check_digit_known_example():
    # The GB 11643 worked example: 11010519491231002X.
    assert VALID_ID == "11010519491231002X"
    assert is_resident_id(VALID_ID) and is_resident_id(VALID_ID.lower())
    assert not is_resident_id("110105194912310021")


@pytest.mark.parametrize(
    "text, gone, kept",
    [
        ("我叫张三，反映护理问题。", ["张三"], ["我叫某某"]),
        ("姓名：欧阳小明，家属反映……", ["欧阳小明"], ["姓名：某某"]),
        ("联系人 李四 说服务站关门了", ["李四"], ["联系人 某某"]),
        ("护工王小明经常迟到", ["王小明"], ["护工某某"]),
        ("王先生和陈阿姨都反映过", ["王先生", "陈阿姨"], ["某先生", "某阿姨"]),
        ("我叫刘洋住在西湖区", ["刘洋"], ["我叫某某住在西湖区"]),
    ],
)
def test_names(text, gone, kept):
    result = redact(text).text
    for g in gone:
        assert g not in result
    for k in kept:
        assert k in result


@pytest.mark.parametrize(
    "text, number",
    [
        ("手机13812345678，请回电", "13812345678"),
        ("电话 138-1234-5678", "138-1234-5678"),
        ("+86 139 0000 1111 可联系", "139 0000 1111"),
        ("请拨打15900001111。", "15900001111"),
    ],
)
def test_mobile_numbers(text, number):
    result = redact(text)
    assert number not in result.text and MOBILE_MARK in result.text
    assert result.counts["mobile"] == 1


def test_landlines():
    result = redact("座机0571-87053100转123，或者电话：87654321").text
    assert "87053100" not in result and "87654321" not in result and result.count(PHONE_MARK) == 2


def test_resident_id_numbers_with_check_digit():
    result = redact(f"身份证号{VALID_ID}，另一位{VALID_ID.lower()}").text
    assert VALID_ID not in result and VALID_ID.lower() not in result and result.count(ID_MARK) == 2


def test_id_shaped_number_with_wrong_check_digit_but_real_birth_date_is_still_hidden():
    wrong = ID_BASE + "1"
    assert ID_MARK in redact(f"证件{wrong}").text


def test_other_long_numbers_are_kept():
    order = "998877665544332211"  # not a valid ID: no plausible birth date, wrong check digit
    assert order in redact(f"合同编号{order}，金额120000元").text


def test_emails():
    result = redact("请发到 zhang.san+oversight@example.com.cn 谢谢").text
    assert "zhang.san" not in result and EMAIL_MARK in result


def test_address_cut_to_county_level():
    result = redact("家住杭州市西湖区转塘街道象山路88号3幢2单元501室，多次反映。").text
    assert "杭州市西湖区" in result and ADDRESS_MARK in result
    for part in ("转塘", "象山路", "88号", "501室"):
        assert part not in result
    assert result.endswith("，多次反映。")


def test_addresses_without_cue():
    result = redact("服务站在文三路478号，老人在良渚街道，另一户在金色家园12幢3单元。").text
    assert "文三路478号" not in result and "良渚街道" not in result and "金色家园12幢" not in result
    assert result.count(ADDRESS_MARK) == 3


def test_village_with_group_number():
    result = redact("住在余杭区某某村3组的低保户").text
    assert "3组" not in result and "余杭区" in result


def test_narrative_without_personal_data_is_unchanged():
    text = "拱墅区某养老服务中心将照料护理服务转包给无资质的公司，服务质量明显下降，涉及金额3000元。"
    result = redact(text)
    assert result.text == text and result.total == 0


def test_everything_together_counts_kinds():
    text = f"我叫张三，身份证{VALID_ID}，手机13812345678，邮箱a@b.cn，家住宁波市海曙区某某路1号。护工李梅梅不按时上门。"
    result = redact(text)
    assert result.counts == {"email": 1, "id_number": 1, "mobile": 1, "address": 1, "name": 2}
    for secret in ("张三", VALID_ID, "13812345678", "a@b.cn", "某某路1号", "李梅梅"):
        assert secret not in result.text
    assert "宁波市海曙区" in result.text


# --- Width, invisible characters and the sender's own details -------------------------------------

ZWSP, RLO, LRI, PDI, BOM = "\u200b", "\u202e", "\u2066", "\u2069", "\ufeff"


def fingerprint(text):
    """For comparing: NFKC, case-folded, invisible characters dropped, letters, digits, @ kept."""
    import unicodedata

    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum() or ch == "@")


def fullwidth(text):
    """ASCII letters, digits and symbols as their full-width forms (１３７, ＠, ．)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@pytest.mark.parametrize(
    "text, secret",
    [
        (f"手机{fullwidth('13712345678')}请回电", "13712345678"),
        ("手机1" + ZWSP + "37" + ZWSP + "1234" + "\u2060" + "5678请回电", "13712345678"),
        ("手机 1 3 7 1 2 3 4 5 6 7 8 请回电", "13712345678"),
        (f"邮箱{fullwidth('leak-check@example.com')}谢谢", "leak-check@example.com"),
        ("邮箱 leak-check＠example.com 谢谢", "leak-check@example.com"),
        ("邮箱 测试@例子.中国 谢谢", "测试@例子.中国"),
        (f"身份证号 {VALID_ID[:6]} {VALID_ID[6:14]} {VALID_ID[14:]}", VALID_ID),
        (f"身份证号{fullwidth(VALID_ID)}", VALID_ID),
    ],
)
def test_numbers_and_emails_however_written(text, secret):
    result = redact(text)
    assert fingerprint(secret) not in fingerprint(result.text), result.text
    assert result.total >= 1


def test_the_senders_own_details_are_removed_first_without_a_cue():
    known = ("张三丰", "13712345678", "leak-check@example.com")
    text = (
        "张三丰多次反映：护理员不上门。回电请打１３７ １２３４ ５６７８，"
        "或发邮件到 LEAK-CHECK＠EXAMPLE.COM，张" + ZWSP + "三丰会接听。"
    )
    result = redact(text, known=known)
    for value in ("张三丰", "13712345678", "leak-check@example.com"):
        assert value not in result.text
    assert "护理员不上门" in result.text and result.counts["name"] == 2


def test_invisible_characters_are_removed_and_chinese_punctuation_kept():
    text = "护理员" + RLO + "多次" + LRI + "未上门" + PDI + "，" + BOM + "请核查（急）。"
    result = redact(text)
    assert result.text == "护理员多次未上门，请核查（急）。"


def test_leaked_personal_data_compares_normalised_forms():
    from portal.oversight.redaction import leaked_personal_data, personal_values

    values = personal_values(["我叫李四光，住在西湖区文三路88号3幢502室。"], known=[("name", "张三丰"), "13712345678"])
    kinds = {kind for kind, _value in values}
    assert {"name", "mobile", "address"} <= kinds
    assert leaked_personal_data("护理员不上门。", values) == []
    for written in (
        "请联系１３７１２３４５６７８",
        "请联系137 1234 5678",
        "请联系1" + ZWSP + "3712345678",
        "张 三 丰反映",
        "李四光反映",
        "在文三路８８号３幢５０２室",
    ):
        assert leaked_personal_data(written, values), written

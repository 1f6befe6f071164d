from __future__ import annotations

import pytest

from storefront.order_labels import order_label


@pytest.mark.parametrize(("number", "label"), [("6411", "Order #6411"), (6411, "Order #6411"),
                                                ("#6411", "Order #6411"), (" 6411 ", "Order #6411")])
def test_an_order_number_reads_one_way(number, label):
    assert order_label(number) == label


def test_inside_a_sentence_the_word_is_lower_case_and_the_number_unchanged():
    assert f"We have received your {order_label('A-17', mid_sentence=True)}." == "We have received your order #A-17."

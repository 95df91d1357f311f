from layout.compose.columns import Piece, balance, can_break_after, fill_column, rows_of


def paragraph(group: int, lines: int) -> list[Piece]:
    return [Piece(1, group, i, lines) for i in range(lines)]


def stream(*sizes: int) -> list[Piece]:
    pieces: list[Piece] = []
    for group, size in enumerate(sizes):
        pieces += paragraph(group, size)
    return pieces


def test_fill_stops_at_capacity_on_paragraph_boundary():
    pieces = stream(3, 3)
    assert fill_column(pieces, 0, 3) == 3


def test_no_orphan_first_line_at_column_bottom():
    pieces = stream(3, 4)
    # capacity 4 would leave the second paragraph's first line alone at the bottom
    assert fill_column(pieces, 0, 4) == 3


def test_no_widow_last_line_at_column_top():
    pieces = stream(4)
    # capacity 3 would push only the last line over: break after line 2 instead
    assert fill_column(pieces, 0, 3) == 2


def test_two_line_paragraph_never_split():
    pieces = stream(1, 2)
    assert fill_column(pieces, 0, 2) == 1


def test_heading_kept_with_next():
    pieces = [*paragraph(0, 2), Piece(2, keep_with_next=True), *paragraph(1, 3)]
    # the heading (2 rows) fits at rows 3-4 but must not end the column
    assert fill_column(pieces, 0, 4) == 2
    assert not can_break_after(pieces, 2)


def test_unsplittable_falls_back_to_hard_break():
    pieces = stream(2)
    # a two-line paragraph in a one-row column has no legal break: break anyway, lose nothing
    assert fill_column(pieces, 0, 1) == 1


def test_balance_even_split():
    pieces = stream(5, 5, 6)
    ranges, _ = balance(pieces, 0, 2, 40)
    heights = [rows_of(pieces, a, b) for a, b in ranges]
    assert heights == [8, 8]
    assert ranges[-1][1] == len(pieces)


def test_balance_respects_widows():
    pieces = stream(3, 4)  # 7 rows: 4 + 3 would orphan para 1's first line -> 3 + 4
    ranges, _ = balance(pieces, 0, 2, 40)
    heights = [rows_of(pieces, a, b) for a, b in ranges]
    assert heights == [3, 4] or heights == [4, 3]
    assert max(heights) == 4


def test_balance_none_when_page_too_small():
    assert balance(stream(30, 30), 0, 2, 20) is None


def test_balance_everything_placed_in_order():
    pieces = stream(2, 7, 1, 3, 9, 2)
    ranges, _ = balance(pieces, 0, 3, 40)
    assert ranges[0][0] == 0
    for (_, b), (c, _) in zip(ranges, ranges[1:], strict=False):
        assert b == c
    assert ranges[-1][1] == len(pieces)


def test_balance_with_reserved_rows_in_last_column():
    pieces = stream(10, 10)  # 20 rows of text, 6 rows of image atop the last column
    ranges, height = balance(pieces, 0, 2, 40, reserved=6)
    assert height == 13
    assert rows_of(pieces, *ranges[0]) <= 13 and rows_of(pieces, *ranges[1]) <= 7
    assert ranges[-1][1] == len(pieces)

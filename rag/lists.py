"""The numbered lists of a text across its paragraphs (`第一，…` `第二，…`, `一是…` `二是…`,
`（一）`, `1.`, or lines opening with a bullet, `──`, counted by their order): which paragraph opens
which item of which list, and which paragraphs belong to the list (the one leading into it,
`下一步，要重点在以下几个方面下功夫。`, and those between its items).

A question asking for an item by its place (`下一步重点里，第一条…`, `讲话回顾的工作中，二是什么？`)
names its list by what the list is about, and the words it shares are in the lead or in other items,
rarely in the item asked for: the item takes the score of its list's best paragraph (`lift_items`)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .outline import session_speeches
from .store import PassageIndex
from .zh import bullet_openers, list_item_openers

MIN_ITEMS = 2        # a lone `一是` opens no list


@dataclass
class NumberedLists:
    """The lists of an index: `items[list][place]` is the passage id opening that item, `member_of`
    the lists each passage id belongs to (its lead, its items and the paragraphs between them)."""
    items: list[dict[int, int]] = field(default_factory=list)
    member_of: dict[int, list[int]] = field(default_factory=dict)

    def item(self, list_number: int, place: int) -> int | None:
        """The passage id opening item `place` (1 the first; -1 the last, -2 the one before it)."""
        items = self.items[list_number]
        return items.get(place if place > 0 else max(items) + 1 + place)


def numbered_lists(index: PassageIndex) -> NumberedLists:
    """Every list of `index`: per session, its passages in order, each item
    continuing the open list of its kind when it counts on from it, a first item opening a new one.
    A list's lead is the text before its first item: that passage's own start, else the passage
    before it."""
    positions = index.position_lookup()
    found = NumberedLists()
    for source, record in sorted({(p.source, p.record) for p in index.passages.values()}):
        for speech in session_speeches(index, source, record):
            pids = [positions[(p.source, p.record, p.paragraph)] for p in speech]
            _lists_of_speech(speech, pids, found)
    return found


def _lists_of_speech(speech: list, pids: list[int], found: NumberedLists) -> None:
    open_lists: dict[str, tuple[dict, int]] = {}    # kind -> (its items as {place: position}, last place)
    spans = []                                       # (items, the lead's position), each list begun
    bullets_before = False                           # the passage before held a bulleted item
    for position, passage in enumerate(speech):
        # items marked by bullets count on while passages of them follow one another
        bullets = bullet_openers(passage.text)
        if bullets and not bullets_before:
            open_lists.pop("bullet", None)
        place = open_lists["bullet"][1] if "bullet" in open_lists else 0
        openers = [("bullet", place + i + 1, start) for i, start in enumerate(bullets)]
        bullets_before = bool(bullets)
        for kind, place, start in sorted(list_item_openers(passage.text) + openers, key=lambda o: o[2]):
            if place == 1:
                items = {1: position}
                lead = position if start > 0 or position == 0 else position - 1
                open_lists[kind] = (items, 1)
                spans.append((items, lead))
            elif kind in open_lists and place == open_lists[kind][1] + 1:
                items = open_lists[kind][0]
                if place not in items:
                    items[place] = position
                open_lists[kind] = (items, place)
    for items, lead in spans:
        if len(items) < MIN_ITEMS:
            continue
        number = len(found.items)
        found.items.append({place: pids[position] for place, position in items.items()})
        for position in range(lead, max(items.values()) + 1):
            found.member_of.setdefault(pids[position], []).append(number)


def place_opened(lists: NumberedLists, pid: int, place: int) -> int:
    """The place, counted from the start, of the item `place` (-1 the last…) that passage `pid`
    opens in one of its lists; 0 when it opens none such."""
    for number in lists.member_of.get(pid, ()):
        if lists.item(number, place) == pid:
            return place if place > 0 else max(lists.items[number]) + 1 + place
    return 0


def items_to_add(lists: NumberedLists, pids, place: int) -> set[int]:
    """The passages opening item `place` of the lists that `pids` (candidates) belong to: a
    question's words may find the list and not the item, which must be scored too."""
    return {pid for p in pids for number in lists.member_of.get(p, ())
            if (pid := lists.item(number, place)) is not None}


def lift_items(order: list[str], best: dict, lists: NumberedLists, place: int, weight: float,
               size: int = 0) -> list[str]:
    """`order` (keys, best first) again for a question asking for item `place` of a list (of `size`
    items, when it says; 0: any): the passages opening that item of a list come first, each scored
    at least as its list's best other paragraph among `best` (key -> (score, passage id, …)) plus
    `weight`, so that the list the question is most about gives its item; the rest keep their
    order after them. `best` gets the new scores. Where no candidate opens such an item, or none of
    a list of `size` items, the question's place (and size) may name something else: `order` stands."""
    opening = {key: [n for n in lists.member_of.get(best[key][1], ()) if lists.item(n, place) == best[key][1]]
               for key in order}
    # a list's best paragraphs, but for those opening the item asked for themselves (of another list
    # within it: `──疫情带来新的挑战…一是…二是…`), which stand on their own score
    list_best: dict[int, list[tuple[float, int]]] = {}     # list -> its two best (score, passage id)
    for key in order:
        score, pid = best[key][0], best[key][1]
        for number in lists.member_of.get(pid, ()):
            top = list_best.setdefault(number, [])
            if len(top) < 2 and (not opening[key] or lists.item(number, place) == pid):
                top.append((score, pid))
    if size and any(len(lists.items[n]) == size for numbers in opening.values() for n in numbers):
        opening = {key: [n for n in numbers if len(lists.items[n]) == size] for key, numbers in opening.items()}
    items = [key for key in order if opening[key]]
    if not items:
        return order
    for key in items:
        score, pid, *rest = best[key]
        others = [s for number in opening[key] for s, p in list_best[number][:2] if p != pid][:1]
        if others and others[0] + weight > score:
            best[key] = (others[0] + weight, pid, *rest)
    items.sort(key=lambda key: -best[key][0])
    return items + [key for key in order if not opening[key]]

"""Which pages a results page links to, and which matches a document page does."""

from dataclasses import dataclass

from search.engine import MAX_PAGE

# Pages shown on each side of the current one.
WINDOW = 2


@dataclass
class Pagination:
    current: int
    pages: int

    @property
    def last(self):
        # Pages past MAX_PAGE cannot be asked for, so none is linked.
        return min(self.pages, MAX_PAGE)

    @property
    def previous(self):
        return self.current - 1 if self.current > 1 else None

    @property
    def next(self):
        return self.current + 1 if self.current < self.last else None

    @property
    def numbers(self):
        """First, last and a window around the current page; None marks a gap (…)."""
        low, high = max(1, self.current - WINDOW), min(self.last, self.current + WINDOW)
        numbers = []
        for n in sorted({1, self.last, *range(low, high + 1)}):
            if numbers and n - numbers[-1] > 1:
                numbers.append(None)
            numbers.append(n)
        return numbers


@dataclass
class Matches:
    """The match shown of those marked in a document (from 1; 0 when none), and
    the ones before and after it: from the last back to the first, round."""

    current: int
    count: int

    @property
    def previous(self):
        return self.current - 1 if self.current > 1 else self.count

    @property
    def next(self):
        return self.current + 1 if self.current < self.count else 1

"""The PDF cleaner (issue 14): a handout exported from a deck, cleaned with the deck's guarantees."""

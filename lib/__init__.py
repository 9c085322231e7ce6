"""Pure helpers with no Django state: Thai dates and numerals, scoring maths."""

"""Administrative areas (county → town → village → grid → micro-grid) and institutions."""

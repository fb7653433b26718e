"""Record forms: subject, survey, clue and visit, built from field specs on one shared form class."""

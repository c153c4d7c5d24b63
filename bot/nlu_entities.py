"""Names of the helper entities that the NLU adds next to the profile slots."""

#: An unclear education answer ("master", "bachelor", "wo", "mbo").
UNCLEAR_EDUCATION = "vooropleiding_onduidelijk"
#: A message that is only a number ("12").
NUMBER = "getal"
#: Why the input could not be used (see bot.input_check.InputKind).
INPUT_KIND = "invoer_soort"

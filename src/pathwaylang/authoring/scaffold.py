"""`pwy new`: a starting pathway (or library) that checks clean and teaches as it goes."""

from __future__ import annotations

import datetime as dt
import re
from string import Template

PATHWAY = Template('''\
# $title
#
# A pathway describes how families move through services: where they come in
# (entry points), the stages they pass through, who leads each stage, and how
# they leave. `pwy check $file` tells you what is missing; `pwy build $file`
# draws the process map and writes the checklist and the family leaflets.
# The language is described in docs/language.md.
pathway $ident "$title" {
  # The header: who owns the pathway and when it must be reviewed.
  authority "Your local authority"
  version "0.1.0"
  status draft  # draft | consultation | approved | retired
  developed $developed
  review $review
  owner "Pathway project team"
  languages cy, en  # Welsh first; every stage gets a `family` block in each
  ages 0 to 18  # the ages of children the pathway is for

  # Levels of need, lowest first. A `step up` goes to a higher level,
  # a `step down` to a lower one.
  levels {
    universal "Universal services"      domain prevention
    targeted  "Targeted family support" domain protection
  }

  # Agencies and the roles that lead stages or work on them.
  agency family_support "Family Support Service"
  role family_worker "Family support worker" at family_support

  # Entry points: more than one door, so there is no wrong door.
  entry self_referral "A family asks for help" -> first_conversation
  entry professional "A school or health worker is worried" -> first_conversation

  stage first_conversation "First conversation" {
    level universal
    lead family_worker
    entry when "A family or a professional asks for help"
    consent "The family agrees to talk with us and to share information"
    action "Talk with the family about what help they want" within 10 working days
    timescale 10 working days

    # Every route out of a stage says when it is taken.
    exit to help_ends when "A universal service can meet the family's needs"
    step up to family_support_plan when "The family needs more help"

    # What the family reads about this stage, in each language.
    family cy {
      title "Sgwrs gyntaf"
      text "Bydd gweithiwr yn siarad gyda chi am yr help rydych chi eisiau."
      asked "Dywedwch wrthym beth sy'n mynd yn dda a beth sy'n anodd."
      contact "Eich gweithiwr cymorth i deuluoedd"
      icon conversation
    }
    family en {
      title "First conversation"
      text "A worker will talk with you about the help you want."
      asked "Tell us what is going well and what is hard."
      contact "Your family support worker"
      icon conversation
    }
  }

  stage family_support_plan "Family support plan" {
    level targeted
    lead family_worker
    with family
    entry when "The family needs help from more than one service"
    action "Agree a plan with the family" within 3 weeks
    action "Review the plan with the family" by family within 8 weeks
    timescale 6 months
    step down to first_conversation when "Things are better and the plan is finished"

    family cy {
      title "Cynllun i'ch teulu"
      text "Byddwn yn gwneud cynllun gyda chi. Byddwn yn edrych arno eto bob ychydig wythnosau."
      asked "Helpwch ni i wneud y cynllun."
      contact "Eich gweithiwr cymorth i deuluoedd"
      icon form
    }
    family en {
      title "A plan for your family"
      text "We will make a plan with you. We will look at it again every few weeks."
      asked "Help us make the plan."
      contact "Your family support worker"
      icon form
    }
  }

  # Outcomes end the pathway.
  outcome help_ends "Help ends" {
    level universal
    family cy {
      title "Mae'r help yn dod i ben"
      text "Does dim angen help ychwanegol arnoch chi nawr."
      icon star
    }
    family en {
      title "Help ends"
      text "You do not need extra help now."
      icon star
    }
  }

  # Indicators: what the partnership measures across all families.
  indicator seen_quickly "Families seen within 10 working days" {
    measure "Share of first conversations held within 10 working days"
    target 80%
    at first_conversation
  }
}
''')

LIBRARY = Template('''\
# $title
#
# A library holds definitions that several pathways share: levels, agencies,
# roles, evidence, algorithms and variance codes. A pathway brings it in with
# `use "path/to/$file"`. A pathway may not define a name the library defines.
library $ident "$title" {
  agency health "Health Board"
  role health_visitor "Health visitor" at health

  # Evidence that backs a stage, with the ages it was tested for.
  evidence incredible_years "Incredible Years parenting programme" {
    ages 0 to 13
    source "Research review, Appendix Two"
  }

  # Codes practitioners use to record why care departed from the pathway.
  variance {
    F "Family or service user"
    P "Practitioner"
    S "System or organisation"
    C "Community or external agency"
  }
}
''')


def identifier_for(name: str) -> str:
    """A valid identifier from a file or pathway name (`Dylanshire early help` -> `dylanshire_early_help`)."""
    ident = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_").lower() or "pathway"
    return ident if not ident[0].isdigit() else "p_" + ident


def scaffold(name: str, library: bool, today: dt.date) -> str:
    """The text of a new pathway or library called `name`."""
    ident = identifier_for(name)
    # The title goes inside a string and a comment: keep it to plain characters.
    title = re.sub(r'["\\\n\r#]', "", name).replace("_", " ").strip().capitalize() \
        or "New pathway"
    review = today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) \
        else dt.date(today.year + 1, 3, 1)
    template = LIBRARY if library else PATHWAY
    return template.substitute(ident=ident, title=title, file=f"{ident}.pwy",
                               developed=today.isoformat(), review=review.isoformat())

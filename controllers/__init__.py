from . import main, portal, team

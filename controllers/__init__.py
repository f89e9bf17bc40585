from . import contract, main, portal, team

// The SGD design language. Normative description: docs/language.md.
//
// Shape of the grammar, and why:
//  * Every block body is the same `item*` list. Where an item may appear (an
//    import inside a hall, a rack at the top level) is a semantic question,
//    answered with a precise diagnostic by sema, not a syntax error here. This
//    keeps decisions at LL(2) and lets the front end parse a large block's items
//    one at a time (see compiler/syntax/Chunker.h).
//  * Expressions are one left-recursive rule, so a literal costs one context,
//    not a chain of one context per precedence level.
//  * No target-language actions: the parse tree is converted into the
//    compiler's own AST in compiler/syntax/ and dropped.
grammar Sgd;

// The generated parser derives from grammar/SgdParserBase.h, which spares
// it a run-time type check on every rule exit and every prediction (an
// option, not an action: the grammar still holds no target-language code).
options { superClass = SgdParserBase; }

// Units are ordinary identifiers to the lexer. The front end retypes them
// before parsing (compiler/syntax/UnitTokens.cpp): an identifier or `%` on the
// same line right after a number becomes UNIT, and `/` written with no spaces
// between two unit words becomes UNIT_SLASH. So `1500 kg/m2` is one quantity,
// `10 kW / n` is a division, and a number that ends a line never swallows the
// first word of the next line when a `;` is missing.
tokens { UNIT, UNIT_SLASH }

// ---------------------------------------------------------------- parser ----

// Every part the AST converter reads has a label: ANTLR stores labelled
// parts in fields while parsing, where the generated accessors would search a
// context's children on every call.
file      : items+=item* EOF ;

// Each alternative is labelled: the front end parses valid text without a
// parse tree (compiler/syntax/Parser.cpp), so the converter finds an item's
// declaration through its label, not through the item's children.
item
  : importItem=importDecl
  | constItem=constDecl
  | componentItem=componentDecl
  | templateItem=templateDecl
  | structureItem=structureDecl
  | zoneItem=zoneDecl
  | complyItem=complyDecl
  | rulesetItem=rulesetDecl
  | ruleItem=ruleDecl
  | scheduleItem=scheduleDecl
  | taskItem=taskDecl
  | linkItem=linkDecl
  | preorderItem=preorderDecl
  | attributeItem=attribute
  | equipmentItem=equipmentDecl
  ;

block : open='{' items+=item* close='}' ;

importDecl    : 'import' (modulePath=qualifiedName | filePath=STRING) ';' ;
constDecl     : 'const' id=name (':' typeName=name)? '=' value=expr ';' ;
componentDecl : 'component' kind=name id=name body=block ;
templateDecl  : 'template' id=name '(' (params+=param (',' params+=param)*)? ')' body=block ;
param         : id=name ':' typeName=name ('=' defaultValue=expr)? ;

// site / building / hall / row / rack, optionally replicated with a range,
// instantiated from a template, and (for racks) typed.
structureDecl
  : level=('site' | 'building' | 'hall' | 'row' | 'rack') id=name replication=rangeSpec?
    ('=' inst=instantiation)? (':' rackType=expr)? (body=block | ';')
  ;
rangeSpec     : '[' low=expr '..' high=expr ']' ;
instantiation : id=name '(' args=argList? ')' ;

zoneDecl      : 'zone' id=name body=block ;
complyDecl    : 'comply' packs+=qualifiedName (',' packs+=qualifiedName)* ';' ;
rulesetDecl   : 'ruleset' id=name title=STRING? body=block ;
ruleDecl      : 'rule' id=name clauses+=ruleClause* ';' ;
ruleClause
  : 'scope' id=name               # ruleScope
  | 'applies' condition=expr      # ruleApplies
  | 'require' condition=expr      # ruleRequire
  | 'severity' id=name            # ruleSeverity
  | 'message' text=STRING         # ruleMessage
  | 'cite' text=STRING            # ruleCite
  ;
scheduleDecl  : 'schedule' body=block ;
// A task's name is qualified when it names a generated task below the
// schedule's structure: `task b3.h1.mep { duration = 14 weeks; }`.
taskDecl      : kind=('task' | 'milestone') id=qualifiedName (body=block | ';') ;
linkDecl      : direction=('after' | 'before') targets+=linkTarget (',' targets+=linkTarget)* ';' ;
linkTarget    : task=qualifiedName linkType=ID? (sign=('+' | '-') lag=expr)? ;
preorderDecl  : 'preorder' component=qualifiedName 'at' date=expr ';' ;
attribute     : id=name '=' value=expr ';' ;

// KIND CATALOG_REF * COUNT redundancy SPEC { ... } -- also plain named blocks
// such as `power { }`, `oci { }` and `utility ercot_345 { }`.
equipmentDecl
  : kind=ID ref=qualifiedName? count=countSpec? redundancy=redundancySpec? (body=block | ';')
  ;
countSpec     : '*' (autoCount='auto' | value=expr) ;
// N, N+k, N+k catcher, 2N, 2N+k, 2(N+k), xN/y: the converter checks that
// the letter is `N` and the word after N+k is `catcher`.
redundancySpec
  : 'redundancy' ( base=ID ('+' spare=NUMBER catcher=UNIT?)? // `catcher` follows a number: a unit
                 | factor=NUMBER base=UNIT ('+' spare=NUMBER | '/' share=NUMBER)? // `2N`: N is retyped as a unit
                 | factor=NUMBER '(' base=ID '+' sideSpare=NUMBER ')' )
  ;

qualifiedName : parts+=name ('.' parts+=name)* ;

// Keywords that are also valid names of attributes, parameters and members
// (`zone = campus;`, `rack: rack_type`, `site.peak_demand`).
name
  : ID
  | 'site' | 'building' | 'hall' | 'row' | 'rack' | 'zone' | 'schedule'
  | 'task' | 'milestone' | 'after' | 'before' | 'at' | 'scope' | 'message'
  | 'severity' | 'cite' | 'component' | 'template' | 'ruleset' | 'rule'
  | 'preorder' | 'comply' | 'redundancy'
  ;

// ------------------------------------------------------------ expressions ---
// One left-recursive rule: a literal or a name costs one context, not one per
// precedence level. Earlier operator alternatives bind tighter.
expr
  : value=NUMBER suffix=unit?                                  # numberLiteral
  | value=STRING                                               # stringLiteral
  | value=DATE                                                 # dateLiteral
  | value=('true' | 'false')                                   # boolLiteral
  | id=name                                                    # nameRef
  | '[' (elements+=expr (',' elements+=expr)* ','?)? ']'       # listLiteral
  | '(' inner=expr ')'                                         # parenExpr
  | base=expr '.' member=name                                  # memberExpr
  | callee=expr '(' args=argList? ')'                          # callExpr
  | base=expr '[' index=expr ']'                               # indexExpr
  | '-' operand=expr                                           # negateExpr
  | lhs=expr op=('*' | '/') rhs=expr                           # multiplyExpr
  | lhs=expr op=('+' | '-') rhs=expr                           # addExpr
  | lhs=expr op=('==' | '!=' | '<' | '<=' | '>' | '>=') rhs=expr # compareExpr
  | 'not' operand=expr                                         # notExpr
  | lhs=expr op='and' rhs=expr                                 # andExpr
  | lhs=expr op='or' rhs=expr                                  # orExpr
  | lhs=expr op='where' rhs=expr                               # whereExpr
  | 'if' condition=expr 'then' thenValue=expr 'else' elseValue=expr # ifExpr
  | params=lambdaParams '=>' body=expr                         # lambdaExpr
  ;

lambdaParams : names+=name | '(' (names+=name (',' names+=name)*)? ')' ;
argList      : args+=arg (',' args+=arg)* ','? ;
arg          : (id=name '=')? value=expr ;

// `kW`, `%`, `kg/m2`, `L/min`, `m3/h` (see UNIT above).
unit : parts+=UNIT (parts+=UNIT_SLASH parts+=UNIT)* ;

// ----------------------------------------------------------------- lexer ----
// These rules are the specification of SGD's tokens. The front end does not
// run the lexer ANTLR generates from them: compiler/syntax/Lexer.cpp
// implements them by hand over UTF-8 bytes, and tests/unit/syntax/LexerTest.cpp
// checks, token by token, that both lexers agree. Change both together.

IMPORT: 'import'; CONST: 'const'; COMPONENT: 'component'; TEMPLATE: 'template';
SITE: 'site'; BUILDING: 'building'; HALL: 'hall'; ROW: 'row'; RACK: 'rack';
ZONE: 'zone'; COMPLY: 'comply'; RULESET: 'ruleset'; RULE: 'rule';
SCOPE: 'scope'; APPLIES: 'applies'; REQUIRE: 'require'; SEVERITY: 'severity';
MESSAGE: 'message'; CITE: 'cite'; SCHEDULE: 'schedule'; TASK: 'task';
MILESTONE: 'milestone'; AFTER: 'after'; BEFORE: 'before'; PREORDER: 'preorder';
AT: 'at'; AUTO: 'auto'; REDUNDANCY: 'redundancy';
IF: 'if'; THEN: 'then'; ELSE: 'else'; AND: 'and'; OR: 'or'; NOT: 'not';
WHERE: 'where'; TRUE: 'true'; FALSE: 'false';

LBRACE: '{'; RBRACE: '}'; LPAREN: '('; RPAREN: ')'; LBRACKET: '['; RBRACKET: ']';
SEMI: ';'; COMMA: ','; DOTDOT: '..'; DOT: '.'; COLON: ':'; ARROW: '=>';
EQEQ: '=='; NEQ: '!='; LE: '<='; GE: '>='; LT: '<'; GT: '>'; ASSIGN: '=';
PLUS: '+'; MINUS: '-'; STAR: '*'; SLASH: '/'; PERCENT: '%';

DATE   : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
NUMBER : DIGIT (DIGIT | '_')* ('.' DIGIT (DIGIT | '_')*)? ;
// Letters of any script, so names like `zürich` or `東京` work.
ID     : [\p{L}_] [\p{L}\p{N}_]* ;
STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;
// A string that reaches the end of its line: reported as unterminated.
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* ;

LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
// `/*` with no `*/` before the end of the file.
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF -> channel(HIDDEN) ;
WS : [ \t\r\n\f]+ -> skip ;
// Anything else is one bad character, reported by the front end.
BAD_CHAR : . -> channel(HIDDEN) ;

fragment DIGIT : [0-9] ;

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

// Units are ordinary identifiers to the lexer. The front end retypes them
// before parsing (compiler/syntax/UnitTokens.cpp): an identifier or `%` on the
// same line right after a number becomes UNIT, and `/` written with no spaces
// between two unit words becomes UNIT_SLASH. So `1500 kg/m2` is one quantity,
// `10 kW / n` is a division, and a number that ends a line never swallows the
// first word of the next line when a `;` is missing.
tokens { UNIT, UNIT_SLASH }

// ---------------------------------------------------------------- parser ----

file      : item* EOF ;
// Entry points for the chunked parse: one item, or one block header.
singleItem : item EOF ;

item
  : importDecl
  | constDecl
  | componentDecl
  | templateDecl
  | structureDecl
  | zoneDecl
  | complyDecl
  | rulesetDecl
  | ruleDecl
  | scheduleDecl
  | taskDecl
  | linkDecl
  | preorderDecl
  | attribute
  | equipmentDecl
  ;

block : '{' item* '}' ;

importDecl    : 'import' (modulePath=qualifiedName | filePath=STRING) ';' ;
constDecl     : 'const' name (':' typeRef)? '=' expr ';' ;
componentDecl : 'component' kind=name name block ;
templateDecl  : 'template' name '(' (param (',' param)*)? ')' block ;
param         : name ':' typeRef ('=' expr)? ;
typeRef       : name ;

// site / building / hall / row / rack, optionally replicated with a range,
// instantiated from a template, and (for racks) typed.
structureDecl
  : level=('site' | 'building' | 'hall' | 'row' | 'rack') name rangeSpec?
    ('=' instantiation)? (':' rackType=expr)? (block | ';')
  ;
rangeSpec     : '[' low=expr '..' high=expr ']' ;
instantiation : name '(' argList? ')' ;

zoneDecl      : 'zone' name block ;
complyDecl    : 'comply' qualifiedName (',' qualifiedName)* ';' ;
rulesetDecl   : 'ruleset' name title=STRING? block ;
ruleDecl      : 'rule' name ruleClause* ';' ;
ruleClause
  : 'scope' name                  # ruleScope
  | 'applies' expr                # ruleApplies
  | 'require' expr                # ruleRequire
  | 'severity' name               # ruleSeverity
  | 'message' STRING              # ruleMessage
  | 'cite' STRING                 # ruleCite
  ;
scheduleDecl  : 'schedule' block ;
taskDecl      : kind=('task' | 'milestone') name (block | ';') ;
linkDecl      : direction=('after' | 'before') linkTarget (',' linkTarget)* ';' ;
linkTarget    : qualifiedName linkType=ID? (sign=('+' | '-') lag=expr)? ;
preorderDecl  : 'preorder' qualifiedName 'at' expr ';' ;
attribute     : name '=' expr ';' ;

// KIND CATALOG_REF * COUNT redundancy SPEC { ... } -- also plain named blocks
// such as `power { }`, `oci { }` and `utility ercot_345 { }`.
equipmentDecl : kind=ID qualifiedName? countSpec? redundancySpec? (block | ';') ;
countSpec     : '*' (autoCount='auto' | expr) ;
// N, N+k, 2N, 2N+k, 2(N+k): the converter checks that the letter is `N`.
redundancySpec
  : 'redundancy' ( base=ID ('+' spare=NUMBER)?
                 | factor=NUMBER base=UNIT ('+' spare=NUMBER)? // `2N`: N is retyped as a unit
                 | factor=NUMBER '(' base=ID '+' sideSpare=NUMBER ')' )
  ;

qualifiedName : name ('.' name)* ;

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
  : NUMBER unit?                                         # numberLiteral
  | STRING                                               # stringLiteral
  | DATE                                                 # dateLiteral
  | value=('true' | 'false')                             # boolLiteral
  | name                                                 # nameRef
  | '[' (expr (',' expr)* ','?)? ']'                     # listLiteral
  | '(' expr ')'                                         # parenExpr
  | expr '.' name                                        # memberExpr
  | expr '(' argList? ')'                                # callExpr
  | expr '[' expr ']'                                    # indexExpr
  | '-' expr                                             # negateExpr
  | expr op=('*' | '/') expr                             # multiplyExpr
  | expr op=('+' | '-') expr                             # addExpr
  | expr op=('==' | '!=' | '<' | '<=' | '>' | '>=') expr # compareExpr
  | 'not' expr                                           # notExpr
  | expr 'and' expr                                      # andExpr
  | expr 'or' expr                                       # orExpr
  | expr 'where' expr                                    # whereExpr
  | 'if' expr 'then' expr 'else' expr                    # ifExpr
  | lambdaParams '=>' expr                               # lambdaExpr
  ;

lambdaParams : name | '(' (name (',' name)*)? ')' ;
argList      : arg (',' arg)* ','? ;
arg          : (name '=')? expr ;

// `kW`, `%`, `kg/m2`, `L/min`, `m3/h` (see UNIT above).
unit : UNIT (UNIT_SLASH UNIT)* ;

// ----------------------------------------------------------------- lexer ----

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

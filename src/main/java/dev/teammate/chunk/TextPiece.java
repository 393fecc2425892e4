package dev.teammate.chunk;

/**
 * A sentence, or a part of an over-long sentence, with its length in word pieces.
 *
 * @param text   the words, without surrounding whitespace
 * @param tokens its MiniLM word pieces
 * @param joiner the whitespace that separated it from the piece before it in the same paragraph or cue: a space or a
 *               line break
 */
record TextPiece(String text, int tokens, String joiner) {
}

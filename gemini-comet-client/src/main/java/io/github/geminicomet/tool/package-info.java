/**
 * Function calling: {@link io.github.geminicomet.tool.GeminiTool @GeminiTool} methods described as
 * function declarations ({@link io.github.geminicomet.tool.GeminiTools}), and the automatic
 * function-calling loop ({@code io.github.geminicomet.ToolCallingOperations}).
 */
@NullMarked
package io.github.geminicomet.tool;

import org.jspecify.annotations.NullMarked;

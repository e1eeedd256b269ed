namespace KtPortal.Domain.Common;

/// <summary>A rule of the domain refused the operation; the message is safe to show a user.</summary>
public class DomainException(string message) : Exception(message);

/// <summary>
/// The thing does not exist or the actor may not see it. The two are deliberately the same,
/// so that a client user cannot learn that another client's id exists.
/// </summary>
public sealed class NotFoundException(string what) : DomainException($"{what} was not found.");

/// <summary>The actor may see the thing but not do this to it.</summary>
public sealed class ForbiddenException(string message) : DomainException(message);

/// <summary>Someone else saved the same record since it was read.</summary>
public sealed class ConcurrencyConflictException(string message) : DomainException(message);

/// <summary>Input failed validation; <see cref="Errors"/> maps field names to messages.</summary>
public sealed class ValidationFailedException : DomainException
{
    public ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
        : base(string.Join(" ", errors.SelectMany(e => e.Value)))
    {
        Errors = errors;
    }

    public ValidationFailedException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}

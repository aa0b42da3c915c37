using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConnexDesk.Features.Access;

public sealed class ChangePasswordModel(UserManager<DeskUser> users, SignInManager<DeskUser> signIn, ILogger<ChangePasswordModel> logger) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    public bool Changed { get; private set; }

    public void OnGet() => Changed = Request.Query["changed"] == "1";

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(string.Empty, error.Description);
            return Page();
        }
        logger.LogInformation("User {UserId} changed their password", user.Id);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(null, null, new { changed = 1 });
    }
}

public sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "Enter your current password.")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Enter a new password.")]
    [StringLength(256, MinimumLength = 12, ErrorMessage = "The new password must have at least 12 characters.")]
    public string NewPassword { get; set; } = "";

    [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords do not match.")]
    public string ConfirmPassword { get; set; } = "";
}
